"""annotbench: learning from the noisy labels of several annotators, with a C++ core.

    from annotbench.aggregation import DawidSkene     # Crowd-Kit's names, annotbench's aggregators
    import annotbench
    annotbench.datasets.load("letter")                # features, true labels, annotations as NumPy
    annotbench.quality.annotation_quality(df)         # agreement, annotator and item tables
    annotbench.read_results("results/quick")          # result rows as a DataFrame
    annotbench.run("harness/configs/quick.json")      # a config through the experiment runner
"""

from . import _core
from . import aggregation, datasets, quality
from .results import read_results, run

__version__ = _core.__version__
__all__ = ["aggregation", "datasets", "quality", "read_results", "run", "__version__"]
