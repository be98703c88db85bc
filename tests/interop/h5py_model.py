"""h5py peer for tests/interop/h5py_model_test.cpp: typed models (h5kit::dump / h5kit::load) across the
h5kit <-> h5py boundary.

check-* cases read a file h5kit dumped and check its layout exactly as a person writing it with h5py
would have made it. write-* cases write, by hand with plain h5py, the file a model describes (or a
broken one), for h5kit::load to read.
"""
import json

import h5py
import numpy as np

from interop_common import RGB, Checker, run

RESERVED = ["h5kit_model", "h5kit_model_version", "h5kit_schema"]


def attr_dtype(obj, name):
    return obj.attrs.get_id(name).dtype


def check_int_attr(c, obj, name, dt, value):
    where = f"{obj.name}@{name}"
    if not c.true(name in obj.attrs, f"{where}: missing (have {sorted(obj.attrs)})"):
        return
    c.dtype(f"{where} dtype", attr_dtype(obj, name), dt)
    c.equal(f"{where} shape", obj.attrs.get_id(name).shape, ())
    c.equal(f"{where} value", int(obj.attrs[name]), value)


def check_root_notes(c, f, model, version):
    """Exactly h5kit's three reserved attributes on the model's root group `f`, nothing else."""
    c.equal("root attributes", sorted(f.attrs), RESERVED)
    if "h5kit_model" in f.attrs:
        c.vlen_utf8("/@h5kit_model dtype", attr_dtype(f, "h5kit_model"))
        c.equal("/@h5kit_model", f.attrs["h5kit_model"], model)
    if "h5kit_model_version" in f.attrs:
        check_int_attr(c, f, "h5kit_model_version", np.int32, version)
    if "h5kit_schema" in f.attrs:
        c.vlen_utf8("/@h5kit_schema dtype", attr_dtype(f, "h5kit_schema"))
        try:
            schema = json.loads(f.attrs["h5kit_schema"])
            c.true(isinstance(schema, dict) and "title" in schema,
                   f"/@h5kit_schema: expected a JSON object with a title, got {schema!r}")
        except ValueError as e:
            c.fail(f"/@h5kit_schema is not JSON: {e}: {f.attrs['h5kit_schema']!r}")


# ---- h5kit dumped the file, h5py checks it --------------------------------------------------------

def check_scenario(path, where="/"):
    """The issue's experiment at `where` (the file's root, or the group it was dumped into)."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        root = f[where]
        check_root_notes(c, root, "Experiment", 1)
        c.equal(f"{where} members", sorted(root.keys()), ["calibration"])
        if where != "/":
            c.equal("/ attributes (the model's notes go on its group)", sorted(f.attrs), [])
        cal = root["calibration"]
        c.true(isinstance(cal, h5py.Group), f"{cal.name}: expected a group, got {cal!r}")
        c.equal("/calibration members", sorted(cal.keys()), ["no_beam", "position"])
        c.equal("/calibration attributes", sorted(cal.attrs), [])
        no_beam = cal["no_beam"]
        c.true(isinstance(no_beam, h5py.Dataset), f"/calibration/no_beam: expected a dataset, got {no_beam!r}")
        c.dtype("/calibration/no_beam dtype", no_beam.dtype, np.int32)
        c.array("/calibration/no_beam", no_beam[()], np.array([[0, 0], [0, 1], [0, 0]], dtype=np.int32))
        c.equal("/calibration/no_beam attributes", sorted(no_beam.attrs), [])  # no unit, no doc: none
        position = cal["position"]
        c.true(isinstance(position, h5py.Group), f"/calibration/position: expected a group, got {position!r}")
        c.equal("/calibration/position members", list(position.keys()), [])
        c.equal("/calibration/position attributes", sorted(position.attrs), ["x", "y"])
        check_int_attr(c, position, "x", np.int32, 247)
        check_int_attr(c, position, "y", np.int32, 253)
    c.finish()


def check_baseline(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("/ members", sorted(f.keys()), ["baseline"])
        ds = f["baseline"]
        c.true(isinstance(ds, h5py.Dataset), f"/baseline: expected a dataset, got {ds!r}")
        c.dtype("/baseline dtype", ds.dtype, np.int32)
        c.equal("/baseline shape", ds.shape, (3, 5))
        c.array("/baseline", ds[()], np.arange(15, dtype=np.int32).reshape(3, 5))
        c.equal("/baseline attributes", sorted(ds.attrs), ["metadata"])
        check_int_attr(c, ds, "metadata", np.int64, 1 << 40)
    c.finish()


def check_dataset_notes(path):
    """A dataset field with a unit and a doc: `units` and `description` as h5py's str attributes."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["trace"]
        c.dtype("/trace dtype", ds.dtype, np.float32)
        c.array("/trace", ds[()], np.array([1.5, 2.0, 0.25], dtype=np.float32))
        c.equal("/trace attributes", sorted(ds.attrs), ["description", "units"])
        for name, value in (("units", "mm"), ("description", "Sample track")):
            if name in ds.attrs:
                c.vlen_utf8(f"/trace@{name} dtype", attr_dtype(ds, name))
                c.equal(f"/trace@{name}", ds.attrs[name], value)
    c.finish()


def check_collections(path):
    """A list of twelve models, a map of two, two unset optionals, self_describing off: nothing else."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("root attributes", sorted(f.attrs), [])
        c.equal("/ members", sorted(f.keys()), ["named", "readings"])
        readings = f["readings"]
        c.equal("/readings members", sorted(readings.keys(), key=int), [str(i) for i in range(12)])
        for i in range(12):
            g = readings[str(i)]
            c.true(isinstance(g, h5py.Group), f"/readings/{i}: expected a group, got {g!r}")
            c.equal(f"/readings/{i} attributes", sorted(g.attrs), ["error", "value"])
            c.dtype(f"/readings/{i}@value dtype", attr_dtype(g, "value"), np.float64)
            c.equal(f"/readings/{i}@value", float(g.attrs["value"]), float(i))
        named = f["named"]
        c.equal("/named members", sorted(named.keys()), ["alpha", "zeta"])
        for name, value in (("alpha", 1.0), ("zeta", 26.0)):
            c.equal(f"/named/{name}@value", float(named[name].attrs["value"]), value)
    c.finish()


def check_big(path, run, count):
    """The file a SIGKILLed dump left in place: the old model, whole."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        check_root_notes(c, f, "Big", 1)
        c.equal("/ members", sorted(f.keys()), ["samples"])
        samples = f["samples"]
        c.array("/samples", samples[()], np.arange(int(count), dtype=np.float64) * int(run))
        c.equal("/samples attributes", sorted(samples.attrs), ["run"])
        check_int_attr(c, samples, "run", np.int32, int(run))
    c.finish()


# ---- h5py writes, h5kit loads ---------------------------------------------------------------------

def write_scenario(path):
    """The issue's experiment as a person writes it with h5py: plain Python ints (int64 on disk)."""
    with h5py.File(path, "w") as f:
        f["calibration/no_beam"] = np.array([[0, 0], [0, 1], [0, 0]])
        position = f.create_group("calibration/position")
        position.attrs["x"] = 247
        position.attrs["y"] = 253


def write_scenario_extra_attribute(path):
    write_scenario(path)
    with h5py.File(path, "a") as f:
        f["calibration/position"].attrs["z"] = 1


def write_beam(path):
    """Issue case 10: energy below the model's bound."""
    with h5py.File(path, "w") as f:
        beam = f.create_group("beam")
        beam.attrs["energy"] = -3.4
        beam.attrs["distance"] = np.int32(100)


def write_list(path):
    """Twelve readings, created out of order: h5kit must load them as 0, 1, ..., 11."""
    with h5py.File(path, "w") as f:
        readings = f.create_group("readings")
        for i in [5, 11, 0, 10, 1, 2, 9, 3, 4, 8, 6, 7]:
            g = readings.create_group(str(i))
            g.attrs["value"] = float(i)
            g.attrs["error"] = i / 10
    with h5py.File(path, "r") as f:  # h5py lists by name: "10" sorts before "2"
        assert list(f["readings"].keys())[:3] == ["0", "1", "10"], list(f["readings"].keys())


def write_map(path):
    with h5py.File(path, "w") as f:
        named = f.create_group("named")
        for i, name in enumerate(["zeta", "alpha", "mid"]):
            g = named.create_group(name)
            g.attrs["value"] = float(i)
            g.attrs["error"] = 0.5


def write_optional_present(path):
    with h5py.File(path, "w") as f:
        f.attrs["count"] = np.int32(7)
        f.attrs["note"] = "seen"
        reading = f.create_group("reading")
        reading.attrs["value"] = 1.25
        reading.attrs["error"] = 0.5
        f["trace"] = np.array([3.0, 4.0])


def write_optional_absent(path):
    with h5py.File(path, "w"):
        pass


def write_scalars(path):
    """An enum (h5py.enum_dtype), text both ways h5py writes it, a bool."""
    with h5py.File(path, "w") as f:
        f.attrs.create("color", 5, dtype=h5py.enum_dtype(RGB, basetype="i1"))
        f.attrs["name"] = "détecteur"  # h5py's str: variable-length UTF-8
        f.attrs["code"] = np.bytes_(b"AB-12")  # fixed-length ASCII, 5 bytes
        f.attrs["enabled"] = np.bool_(True)
        f["title"] = "first light"  # a scalar variable-length string dataset


def write_units(path):
    """A float32 dataset in metres; the model wants millimetres."""
    with h5py.File(path, "w") as f:
        f["trace"] = np.array([1.5, 2.0, 0.25], dtype=np.float32)
        f["trace"].attrs["units"] = "m"


def write_broken(path):
    """Everything wrong at once: a wrong shape, a wrong type, a missing attribute, a missing group."""
    with h5py.File(path, "w") as f:
        f["calibration/no_beam"] = np.zeros((2, 3), dtype=np.int32)
        position = f.create_group("calibration/position")
        position.attrs["x"] = "left"
        # no y, and no /beam at all


def write_out_of_range(path):
    """Values h5py stores in wider or other types than the model's fields: each must be a problem,
    never a silently clamped or rounded number."""
    with h5py.File(path, "w") as f:
        f["calibration/no_beam"] = np.array([[0, 0], [0, 2**40], [0, 0]], dtype=np.int64)
        position = f.create_group("calibration/position")
        position.attrs["x"] = 2**40  # int64, does not fit int32
        position.attrs["y"] = 2.5  # float64 into an int32 field


def write_list_gap(path):
    with h5py.File(path, "w") as f:
        readings = f.create_group("readings")
        for i in (0, 2):
            g = readings.create_group(str(i))
            g.attrs["value"] = float(i)
            g.attrs["error"] = 0.0


def write_wrong_units(path):
    with h5py.File(path, "w") as f:
        f["trace"] = np.array([1.0], dtype=np.float32)
        f["trace"].attrs["units"] = "s"


def write_newer_version(path):
    write_scenario(path)
    with h5py.File(path, "a") as f:
        f.attrs["h5kit_model"] = "Experiment"
        f.attrs["h5kit_model_version"] = np.int32(2)


def write_signals(path):
    """One dataset each for a std::variant<int32 any-length, float64 any-length> field."""
    with h5py.File(path, "w") as f:
        f["ints/signal"] = np.array([1, 2, 3], dtype=np.int16)
        f["floats/signal"] = np.array([0.5, 1.5])
        f["text/signal"] = np.array([b"a", b"b"])


def write_strict_extras(path):
    """Attributes no model declares: on a list group, on a list element, on a dataset field."""
    with h5py.File(path, "w") as f:
        readings = f.create_group("readings")
        readings.attrs["note"] = "extra"
        g = readings.create_group("0")
        g.attrs["value"] = 1.0
        g.attrs["error"] = 0.0
        g.attrs["operator"] = "extra"
        f["trace"] = np.array([1.0], dtype=np.float32)
        f["trace"].attrs["units"] = "mm"
        f["trace"].attrs["description"] = "allowed: h5kit's own"
        f["trace"].attrs["calibrated"] = True


if __name__ == "__main__":
    run({
        "check-scenario": check_scenario,
        "check-baseline": check_baseline,
        "check-dataset-notes": check_dataset_notes,
        "check-big": check_big,
        "check-collections": check_collections,
        "write-signals": write_signals,
        "write-strict-extras": write_strict_extras,
        "write-scenario": write_scenario,
        "write-scenario-extra-attribute": write_scenario_extra_attribute,
        "write-beam": write_beam,
        "write-list": write_list,
        "write-map": write_map,
        "write-optional-present": write_optional_present,
        "write-optional-absent": write_optional_absent,
        "write-scalars": write_scalars,
        "write-units": write_units,
        "write-broken": write_broken,
        "write-out-of-range": write_out_of_range,
        "write-list-gap": write_list_gap,
        "write-wrong-units": write_wrong_units,
        "write-newer-version": write_newer_version,
    })
