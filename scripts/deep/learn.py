"""Small numerics for the deep-stage training: weighted L2 logistic regression, grouped folds and the
evaluation metrics (AUC, TPR at a fixed FPR, ECE). numpy/scipy only."""
import numpy as np
from scipy.optimize import minimize


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def logit(p, clamp=12.0):
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-300, 1.0)
    with np.errstate(divide="ignore"):
        z = np.log(p) - np.log1p(-np.minimum(p, 1 - 1e-16))
    return np.clip(z, -clamp, clamp)


def fit_logistic(X, y, w, lam, nonneg=None):
    """Minimises sum_i w_i * logloss_i / sum_i w_i + lam/2 * |beta|^2 (bias not penalised).
    `nonneg`: indices of coefficients constrained to be >= 0."""
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64) / np.sum(w)
    y = np.asarray(y, dtype=np.float64)
    d = X.shape[1]

    def f(theta):
        beta, b = theta[:d], theta[d]
        z = X @ beta + b
        # log(1+exp(z)) - y z, stably
        loss = np.logaddexp(0, z) - y * z
        g = (sigmoid(z) - y) * w
        val = np.sum(w * loss) + 0.5 * lam * beta @ beta
        grad = np.concatenate([X.T @ g + lam * beta, [np.sum(g)]])
        return val, grad

    bounds = [(0, None) if nonneg is not None and j in nonneg else (None, None) for j in range(d)] + [(None, None)]
    res = minimize(f, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 2000, "gtol": 1e-9})
    return res.x[:d], float(res.x[d])


def grouped_folds(groups, labels, k, seed=0):
    """Assigns whole groups to k folds, largest first, each to the fold with the fewest images of
    that group's majority label (ties: fewest images overall)."""
    rng = np.random.default_rng(seed)
    uniq = {}
    for g, y in zip(groups, labels):
        n, a = uniq.get(g, (0, 0))
        uniq[g] = (n + 1, a + y)
    order = sorted(uniq, key=lambda g: (-uniq[g][0], rng.random()))
    count = np.zeros((k, 2))
    fold_of = {}
    for g in order:
        n, a = uniq[g]
        lab = 1 if a * 2 >= n else 0
        f = min(range(k), key=lambda i: (count[i, lab], count[i].sum()))
        fold_of[g] = f
        count[f, 1] += a
        count[f, 0] += n - a
    return np.array([fold_of[g] for g in groups])


def auc(scores, y):
    scores = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y)
    pos, neg = scores[y == 1], scores[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    allv = np.concatenate([pos, neg])
    order = np.argsort(allv, kind="mergesort")
    ranks = np.empty(len(allv))
    sv = allv[order]
    i = 0
    while i < len(sv):
        j = i
        while j + 1 < len(sv) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    rp = ranks[:len(pos)].sum()
    return float((rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def tpr_at_fpr(scores, y, fpr=0.05):
    scores = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y)
    neg = np.sort(scores[y == 0])
    if len(neg) == 0 or not np.any(y == 1):
        return float("nan")
    # smallest threshold with at most fpr of negatives strictly above it
    k = int(np.floor(fpr * len(neg)))
    thr = neg[len(neg) - 1 - k] if k < len(neg) else -np.inf
    return float(np.mean(scores[y == 1] > thr))


def ece(p, y, bins=10):
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - y[m].mean())
    return float(total / len(p))


def min_threshold(scores, max_rate):
    """Smallest t such that the fraction of scores >= t is at most max_rate."""
    s = np.sort(np.asarray(scores, dtype=np.float64))
    n = len(s)
    if n == 0:
        return 0.0
    allowed = int(np.floor(max_rate * n))
    if allowed >= n:
        return 0.0
    # at most `allowed` scores may be >= t: t just above the (n-allowed)-th smallest
    return float(np.nextafter(s[n - allowed - 1], np.inf))
