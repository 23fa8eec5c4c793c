"""A receipt printer simulator: parses the ESC/POS our receipts use into text and a
PNG of the paper roll, and answers real-time status from injected faults."""
