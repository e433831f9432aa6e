"""L2-regularised logistic regression in plain numpy (Newton's method).

It minimises the objective scikit-learn's LogisticRegression(C=...) minimises,

    0.5 * |w|^2 + C * sum_i log(1 + exp(-s_i * (x_i . w + b))),   s_i = +1 / -1,

with the intercept b left unpenalised, so the two agree on the weights (to the
tolerance of scikit-learn's own solver); the project needs no scikit-learn.
Given a `center` (a previous fit: coefficients then intercept), it adds
0.5 * strength * |theta - center|^2 over the entries the center gives (NaN: none),
so a refit on slightly changed data moves only as far as the data insists; a
refit on the very data the center was fitted on returns the center.
Products are einsum, not BLAS: a threaded BLAS on a busy machine took seconds
for what einsum does in milliseconds at this size (tens of features).
"""
from __future__ import annotations

import numpy as np


def fit_logistic(features, labels, C: float = 1.0, tol: float = 1e-10, max_iter: int = 100,
                 center=None, strength: float = 0.0) -> tuple[np.ndarray, float]:
    """Return (coefficients, intercept) for rows `features` and 0/1 `labels`."""
    X = np.asarray(features, dtype=float)
    y = np.asarray(labels, dtype=float)
    if X.ndim != 2 or len(X) != len(y) or not len(y):
        raise ValueError(f"need a non-empty 2-D feature matrix and one label per row, got {X.shape} and {y.shape}")
    Xb = np.hstack([X, np.ones((len(X), 1))])
    penalty = np.ones(Xb.shape[1])
    penalty[-1] = 0.0  # the intercept is not regularised
    pull, center = _pull(center, strength, Xb.shape[1])
    theta = np.zeros(Xb.shape[1])
    loss = _objective(Xb, y, theta, penalty, C, pull, center)
    for _ in range(max_iter):
        p = _sigmoid(np.einsum("ij,j->i", Xb, theta))
        gradient = penalty * theta + pull * (theta - center) + C * np.einsum("ij,i->j", Xb, p - y)
        hessian = np.diag(penalty + pull) + C * np.einsum("ij,ik->jk", Xb * (p * (1 - p))[:, None], Xb)
        step = np.linalg.solve(hessian + 1e-12 * np.eye(len(theta)), gradient)
        # Halve the step until the objective falls: Newton alone can overshoot
        # on (nearly) separable data.
        rate = 1.0
        while rate > 1e-8:
            candidate = theta - rate * step
            new_loss = _objective(Xb, y, candidate, penalty, C, pull, center)
            if new_loss <= loss:
                break
            rate /= 2
        theta, loss = candidate, new_loss
        if np.max(np.abs(rate * step)) < tol:
            break
    return theta[:-1], float(theta[-1])


def predict(features, coef: np.ndarray, intercept: float) -> np.ndarray:
    return np.einsum("ij,j->i", np.asarray(features, dtype=float), np.asarray(coef, dtype=float)) + intercept > 0


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * z))  # overflow-free 1 / (1 + exp(-z))


def _pull(center, strength: float, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-parameter pull toward the center (0 where it gives none) and the center, NaN-free."""
    if center is None:
        return np.zeros(size), np.zeros(size)
    center = np.asarray(center, dtype=float)
    if center.shape != (size,):
        raise ValueError(f"the center needs {size} entries (coefficients, then intercept), got {center.shape}")
    given = ~np.isnan(center)
    return strength * given, np.where(given, center, 0.0)


def _objective(Xb, y, theta, penalty, C, pull, center) -> float:
    z = np.einsum("ij,j->i", Xb, theta)
    # log(1 + exp(-z)) for positives, log(1 + exp(z)) for negatives.
    margins = np.where(y > 0, -z, z)
    return (0.5 * float(np.sum(penalty * theta * theta)) + 0.5 * float(np.sum(pull * (theta - center) ** 2))
            + C * float(np.sum(np.logaddexp(0, margins))))
