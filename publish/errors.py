"""Errors a user can act on: the CLI prints them and exits 1, never a traceback."""


class PublishError(Exception):
    """Something about the user's project or request that stops a command."""
