"""Staff accounts: the custom user model (email login) and allauth glue."""
