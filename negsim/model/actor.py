"""Actors: the parties, their demands, power and patience."""

from __future__ import annotations

from dataclasses import dataclass

from negsim.errors import ScenarioError
from negsim.model._values import _finite_number
from negsim.model.demand import Demand

__all__ = ["Actor"]


@dataclass(frozen=True)
class Actor:
    """A party to the negotiation.

    Parameters
    ----------
    name : str
        The actor's name, used everywhere as its id.
    demands : tuple of Demand
        What it has said it wants.  Its preferences are built from these.
    power : float
        Bargaining weight (> 0): asymmetric Nash weights and the compromise forecast.
    patience : float
        Discount factor in (0, 1).
    reservation : float, optional
        Explicit walk-away utility; by default derived from the no-deal outcome and the levers.
    label, color : str
        Display name and a colour for figures (``"#b2182b"``).

    Examples
    --------
    >>> a = Actor("Ukraine", (Demand("ground_war", want="ceasefire", hard=True),))
    >>> a.power, a.total_weight
    (1.0, 1.0)
    """

    name: str
    demands: tuple[Demand, ...] = ()
    power: float = 1.0
    patience: float = 0.9
    reservation: float | None = None
    label: str = ""
    color: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ScenarioError("an actor needs a name", key="name", expected="a non-empty string",
                                found=repr(self.name))
        object.__setattr__(self, "demands", tuple(self.demands))
        for i, d in enumerate(self.demands):
            if not isinstance(d, Demand):
                raise ScenarioError("not a Demand", key=f"demands[{i}]", expected="a Demand",
                                    found=type(d).__name__)
        object.__setattr__(self, "power", _finite_number(self.power, "power", positive=True))
        p = _finite_number(self.patience, "patience")
        if not 0.0 < p < 1.0:
            raise ScenarioError("patience is a discount factor", key="patience",
                                expected="a number strictly between 0 and 1", found=repr(self.patience))
        object.__setattr__(self, "patience", p)
        if self.reservation is not None:
            object.__setattr__(self, "reservation", _finite_number(self.reservation, "reservation"))
        if not self.label:
            object.__setattr__(self, "label", self.name)

    @property
    def total_weight(self) -> float:
        """The sum of the demands' weights."""
        return float(sum(d.weight for d in self.demands))


