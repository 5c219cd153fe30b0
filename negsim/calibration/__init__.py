"""Calibration of a scenario's weights from the responses it records (see :mod:`.fit`)."""

from negsim.calibration.fit import calibrate, calibrated_scenario
from negsim.results.calibration import Calibration, Conflict, ObservationFit, ParameterFit

__all__ = ["Calibration", "Conflict", "ObservationFit", "ParameterFit", "calibrate", "calibrated_scenario"]
