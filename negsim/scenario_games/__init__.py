"""Games built from a scenario: declared trees and matrices, the proposal-backing game, threats,
truce stability and alternating offers, solved with the pure algorithms of :mod:`negsim.games`."""

from negsim.scenario_games.from_scenario import normal_form, proposal_game, scenario_games

__all__ = ["normal_form", "proposal_game", "scenario_games"]
