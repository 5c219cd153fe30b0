"""Calibration of a scenario's weights from the responses it records (see :mod:`.fit`)."""

from negsim.calibration.fit import calibrate
from negsim.calibration.result import Calibration, Conflict, ObservationFit, ParameterFit

__all__ = ["Calibration", "Conflict", "ObservationFit", "ParameterFit", "calibrate"]
