"""Library mode, Qt-free: identify a patron (card or eID), see the account, borrow,
return, renew, pay fines, print a slip; keep borrowing and returns going while the
library system is down and replay them when it is back.

Entry point for the UI: :class:`kiosk.library.service.LibraryService`.
"""
