"""The families of checks. Each returns findings and never prints."""
