"""Calibration of a scenario's weights from the responses it records (see :mod:`.fit`), and the
pooled form over several configurations (see :mod:`.pooled`)."""

from negsim.calibration.fit import calibrate, calibrated_scenario
from negsim.calibration.pooled import calibrate_pooled, pooled_scenarios
from negsim.results.calibration import Calibration, Conflict, ObservationFit, ParameterFit
from negsim.results.pooled import PooledCalibration, PooledWeight

__all__ = ["Calibration", "Conflict", "ObservationFit", "ParameterFit", "PooledCalibration",
           "PooledWeight", "calibrate", "calibrate_pooled", "calibrated_scenario",
           "pooled_scenarios"]
