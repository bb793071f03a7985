"""GraphQL object types: thin views over model and service objects."""
