"""Proper scores of probabilistic predictions of accept / reject: Brier and log score."""

from __future__ import annotations

import math
from collections.abc import Sequence

from negsim.results.backtest import PredictorScore
from negsim.tolerances import LOG_SCORE_FLOOR

__all__ = ["score", "pool"]


def score(name: str, p_accept: Sequence[float], accepted: Sequence[bool]) -> PredictorScore:
    """Hits, Brier score and log score of probabilities of acceptance against what happened.

    A hit is a probability above 1/2 of the observed response.  The Brier score is the mean of
    (p − y)² (0 is perfect, lower is better); the log score the mean of ln of the probability
    given to the observed response, clipped to [LOG_SCORE_FLOOR, 1 − LOG_SCORE_FLOOR] (0 is
    perfect, higher is better).

    Examples
    --------
    >>> s = score("coin", [0.5, 0.5], [True, False])
    >>> s.hits, s.brier, round(s.log_score, 4)
    (0, 0.25, -0.6931)
    >>> score("sure", [1.0, 0.0], [True, True]).brier
    0.5
    """
    if len(p_accept) != len(accepted):
        raise ValueError("one probability per observation")
    n = len(accepted)
    if n == 0:
        return PredictorScore(name, 0, 0, math.nan, math.nan)
    hits = brier = log = 0.0
    for p, y in zip(p_accept, accepted):
        q = p if y else 1.0 - p
        hits += q > 0.5
        brier += (p - float(y)) ** 2
        log += math.log(min(max(q, LOG_SCORE_FLOOR), 1.0 - LOG_SCORE_FLOOR))
    return PredictorScore(name, n, int(hits), brier / n, log / n)


def pool(parts: Sequence[Sequence[PredictorScore]]) -> list[PredictorScore]:
    """Scores of several files pooled per predictor (weighted by their observations), in the
    order the predictors first appear."""
    acc: dict[str, list[float]] = {}
    for row in parts:
        for s in row:
            t = acc.setdefault(s.predictor, [0, 0, 0.0, 0.0])
            if s.observations:
                t[0] += s.observations
                t[1] += s.hits
                t[2] += s.brier * s.observations
                t[3] += s.log_score * s.observations
    return [PredictorScore(k, int(n), int(h), b / n if n else math.nan, lg / n if n else math.nan)
            for k, (n, h, b, lg) in acc.items()]
