"""Loading scenario files: the format, ``extends`` merging and the checks at the edge."""

from negsim.loading.build import load_scenario, scenario_from_dict
from negsim.loading.schema import SCENARIO_FORMAT, json_schema

__all__ = ["load_scenario", "scenario_from_dict", "SCENARIO_FORMAT", "json_schema"]
