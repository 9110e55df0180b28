"""Pure text transforms: bytes in, clean text and extracted rows out.

Nothing here does I/O, imports Prefect, or touches the warehouse. The flows
call one entry point, :func:`transforms.pipeline.process`.
"""

# Bump whenever a change to any transform may change an output row; every
# staged row records the version that produced it so a rebuild can tell.
TRANSFORM_VERSION = "0.2.0"
