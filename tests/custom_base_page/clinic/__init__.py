"""A project's own base page and the condition page types it builds from the mixins."""
