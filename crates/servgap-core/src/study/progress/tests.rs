//! Tests of measured progress (oracle: `tests/oracles/progress_oracles.py`).
