"""People counting at a library entrance: line crossings in and out, counts only.

Qt-free. Frames come in, are reduced to blobs and dropped in the same call; only
numbers (crossings, per 15 minutes) ever leave this package.
"""
