# A stand-in for Hugging Face Accelerate, which cannot be installed here (no PyPI): fastai.distributed
# imports it, and distrib_ctx() imports it, but on one process (WORLD_SIZE unset) never constructs it.
class Accelerator:
    def __init__(self, device_placement=True, split_batches=False, mixed_precision=None):
        raise RuntimeError('stand-in accelerate: multi-process training needs the real package (pip install accelerate)')
