"""Pelican settings for publishing: pelicanconf.py plus absolute URLs.

Used by `invoke publish` (tools/publish.py), never for the local preview.
The site's address comes from the environment variable QLEE_SITEURL; while it
is unset, SITEURL is a placeholder that `invoke publish` refuses.
"""

import os
import sys

# The project folder, so that pelicanconf and tools are found from any working directory.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403
from tools.siteurl import site_url

SITEURL = site_url()
RELATIVE_URLS = False
# Feeds carry absolute links, so feed readers resolve them.
FEED_DOMAIN = SITEURL

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

DELETE_OUTPUT_DIRECTORY = True

# Sample values of `invoke new` stop the build here (pelicanconf.py: a notice in the preview).
QLEE_UNFINISHED_IS_ERROR = True
