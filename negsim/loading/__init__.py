"""Loading scenario files: the format, ``extends`` merging and the checks at the edge."""

from negsim.loading.build import load_scenario, scenario_from_dict
from negsim.loading.json_schema import json_schema
from negsim.loading.schema import SCENARIO_FORMAT

__all__ = ["load_scenario", "scenario_from_dict", "SCENARIO_FORMAT", "json_schema"]
