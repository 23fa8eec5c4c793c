"""Names of the folders the kiosk's processes share under the updater's state directory.

Kept apart from the modules that use them so that the UI can name a folder before its
first frame without importing the sync machinery (sync/actions.py pulls subprocess and
the action runner).
"""

from __future__ import annotations

# Remote screenshots: the sync process drops a request here, the UI answers with a PNG.
SCREENSHOTS = "screenshots"
