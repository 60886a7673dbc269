"""The blocks of a condition page's body; public through ``wagtail_physio.blocks``."""
