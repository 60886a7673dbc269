"""How condition pages and their blocks appear in Wagtail's API v2.

``representation`` turns images, pages, locations and phone numbers into plain JSON
data (used by the blocks' ``get_api_representation``); ``fields`` holds the
serializer fields behind the page types' ``api_fields``. See docs/api.md.
"""
