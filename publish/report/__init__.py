"""The release's page for people: what the data says and why it can be trusted."""
