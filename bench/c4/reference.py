#!/usr/bin/env python3
"""Times-friendly runner of RedPajama's own c4_reformat.py (rp_v1 data_prep/c4, imported unmodified from the path in
RP_C4, never copied here) for `redpajama bench c4 --reference`: runs its main() on DATA_DIR into OUT_DIR in one
process. joblib, which main() uses to run process_file per input, is replaced by a sequential stand-in when it is
not installed (and always with --sequential), so the reference is measured on one core like this project's 1-thread row.

Usage: RP_C4=<RedPajama-Data checkout>/data_prep/c4 /usr/bin/python3 bench/c4/reference.py DATA_DIR OUT_DIR [--sequential]
"""
import importlib.util, os, sys, types

data_dir, out_dir = sys.argv[1], sys.argv[2]
sequential = "--sequential" in sys.argv[3:]
try:
    if sequential:
        raise ImportError
    import joblib  # noqa: F401
except ImportError:
    stub = types.ModuleType("joblib")
    stub.cpu_count = lambda: 1
    stub.delayed = lambda f: (lambda *a, **k: (f, a, k))
    stub.Parallel = lambda n_jobs=1: (lambda calls: [f(*a, **k) for f, a, k in calls])
    sys.modules["joblib"] = stub
    os.environ["SLURM_CPUS_PER_TASK"] = "1"
sys.argv = ["c4_reformat.py", "--data_dir", data_dir, "--output_dir", out_dir]
spec = importlib.util.spec_from_file_location("c4_reformat", os.path.join(os.environ["RP_C4"], "c4_reformat.py"))
c4 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(c4)
c4.main()
