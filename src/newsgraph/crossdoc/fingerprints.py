"""MinHash signatures over word shingles and LSH band buckets, to find near-duplicate texts
without comparing every pair."""

from __future__ import annotations

import hashlib

import numpy as np

from newsgraph.shingles import count_shingles

SHINGLE_WORDS = 4  # the project's shingle size (shingles.py); lower-cased first
NUM_PERMUTATIONS = 120
BANDS = 40  # 40 bands of 3 rows: a pair at Jaccard 0.5 is a candidate with p > 0.99
ROWS = NUM_PERMUTATIONS // BANDS
# The permutations are (a*x + b) mod P over 32-bit shingle hashes x, with P the largest prime
# below 2**32 and a, b drawn uniformly below P: a*x + b stays below 2**64 (exact in uint64) and
# wraps around P many times, so the permutations are independent of each other. (A modulus far
# above a*x, as 2**61 - 1 with a < 2**31 was, hardly wraps: the shingle with the smallest hash won
# most permutations, and two unrelated texts sharing one common phrase looked like copies.)
_PRIME = np.uint64((1 << 32) - 5)
_EMPTY = np.uint64(1 << 32)  # above every permuted value: the signature of a text with no words
_SEED = 20220107  # fixed: signatures must be the same in every run and on every machine

_rng = np.random.default_rng(_SEED)
_A = _rng.integers(1, int(_PRIME), NUM_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, int(_PRIME), NUM_PERMUTATIONS, dtype=np.uint64)


def hash_shingle(shingle: tuple[str, ...]) -> int:
    """A stable 32-bit hash (Python's hash() changes between runs)."""
    digest = hashlib.blake2b(" ".join(shingle).encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "little")


def minhash_signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERMUTATIONS uint64 values) of the text's shingle set."""
    shingles = count_shingles(text.lower(), SHINGLE_WORDS)
    if not shingles:
        return np.full(NUM_PERMUTATIONS, _EMPTY, dtype=np.uint64)
    hashes = np.fromiter((hash_shingle(s) for s in shingles), dtype=np.uint64) % _PRIME
    permuted = (np.outer(hashes, _A) + _B) % _PRIME
    return permuted.min(axis=0)


def estimate_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal signature positions: an unbiased estimate of shingle-set Jaccard."""
    return float(np.mean(first == second))


def band_buckets(signature: np.ndarray) -> list[tuple[int, str]]:
    """(band number, bucket) pairs: two texts sharing any pair are candidate near-duplicates."""
    return [
        (band, hashlib.blake2b(signature[band * ROWS : (band + 1) * ROWS].tobytes(),
                               digest_size=8).hexdigest())
        for band in range(BANDS)
    ]  # fmt: skip
