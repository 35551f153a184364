"""The officer's page of one request: its whole story, who to reach, and the actions."""
