"""Writes files the way h5pydantic writes them, with plain h5py, for tests/model/h5pydantic_files_test.cpp.

h5pydantic hands h5py Python values and lets h5py infer the types: ints become int64, floats float64,
bools h5py's bool enum, str variable-length UTF-8, bytes fixed-length ASCII, lists arrays; an enum is
stored as its int64 value; an optional left unset is simply absent; a list of models is a group with
members "0", "1", ...; a partial dump creates the unset mandatory dataset empty (shape and dtype,
never written).

usage: h5pydantic_files.py good|bad PATH
"""
import sys

import h5py
import numpy as np


def write(path, bad):
    with h5py.File(path, "w") as f:
        det = f.create_group("detector")
        det.attrs["name"] = np.bytes_(b"pilatus")   # fixed-length ASCII (S7)
        det.attrs["label"] = "Pilatus 300K"          # variable-length UTF-8
        det.attrs["pixels"] = 487                    # int64, into an int32 field
        det.attrs["gain"] = -1.5 if bad else 2.5     # float64; the model says ge(0)
        det.attrs["distance"] = 0.25                 # float64, the model's unit (mm)
        det.attrs["enabled"] = True                  # h5py's bool enum
        det.attrs["mode"] = 2                        # an enum as its int64 value
        det.attrs["window"] = [0.5, 1.5]             # float64 (2,)
        det.attrs["binning"] = [2, 4]                # int64 (2,), into std::array<int32, 2>
        # `threshold` (optional) left unset: absent

        f.create_dataset("no_beam", data=np.array([[0, 0], [0, 1], [0, 0]], dtype=np.int32))
        f.create_dataset("modes", data=np.array([0, 1, 5 if bad else 2, 1], dtype=np.int64))
        f.create_dataset("title", data=np.bytes_(b"scan 17"))  # a scalar fixed-length string
        trace = f.create_dataset("trace", data=[1.0, 2.0, 4.0])
        trace.attrs["units"] = "mV"
        trace.attrs["description"] = "channel 4"
        f.create_dataset("unset", shape=(4,), dtype="f8")  # the partial dump's empty dataset

        readings = f.create_group("readings")
        for i, (value, error) in enumerate([(1.0, 0.1), (2.0, 0.2)]):
            r = readings.create_group(str(i))
            r.attrs["value"] = value
            r.attrs["error"] = error
        frames = f.create_group("frames")
        frames.create_dataset("0", data=np.arange(3, dtype=np.float32))
        frames.create_dataset("1", data=np.arange(5, dtype=np.float32))
        positions = f.create_group("positions")
        for key, (x, y) in {"start": (247, 253), "end": (10, 20)}.items():
            p = positions.create_group(key)
            p.attrs["x"] = x
            p.attrs["y"] = y
        f.create_dataset("signal", data=[3, 4, 5])  # int64: the first alternative, int32, fits
        # `origin` (an optional group) and `background` (an optional dataset) left unset: absent


if __name__ == "__main__":
    write(sys.argv[2], sys.argv[1] == "bad")
