"""What can go wrong talking to Hevy. Every error carries the HTTP status (None for network failures) and the
message Hevy gave, so callers can tell the user what happened.

- HevyAuthError: 401, the key is wrong or revoked (never retried);
- HevyNotFound: 404, missing or another account's resource;
- HevyValidationError: 400, Hevy rejected the request body (message from `{"error": ...}`);
- HevyLimitError: 403, the routine or custom-exercise limit is reached;
- HevyRateLimited: 429 still answered after every retry;
- HevyServerError: 408 or 5xx still answered after every retry;
- HevyError itself: anything else (network errors and timeouts after every retry, unexpected statuses or bodies).
"""

from __future__ import annotations


class HevyError(Exception):
    """Base of every Hevy client error."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


class HevyAuthError(HevyError):
    pass


class HevyNotFound(HevyError):
    pass


class HevyValidationError(HevyError):
    pass


class HevyLimitError(HevyError):
    pass


class HevyRateLimited(HevyError):
    pass


class HevyServerError(HevyError):
    pass
