// Fuzzes what h5kit does with a file it did not write, given as an in-memory image (the core
// driver): open it, list every object, read every attribute and dataset (under a read budget, as a
// program reading untrusted files should), and load a typed model from it. Every failure must be
// an h5kit::Error. libhdf5 itself is not instrumented and crashes on some malformed files (see
// docs/reliability.md); scripts/fuzz.sh runs this target with -fork and counts those separately.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "h5kit/h5kit.hpp"
#include "h5kit/model.hpp"

namespace {

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))

struct Run {
  Beam beam;
  h5kit::DatasetOf<double, h5kit::kAnyExtent> trace;
  std::string operator_name;
};
BOOST_DESCRIBE_STRUCT(Run, (), (beam, trace, operator_name))

void read_everything(const h5kit::Object& object) {
  for (const std::string& name : object.attrs().keys()) {
    try {
      (void)object.attrs().open(name).read_native();
    } catch (const h5kit::Error&) {
    }
  }
  if (object.kind() == h5kit::ObjectKind::dataset) (void)object.as_dataset().read_native();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const h5kit::ScopedReadBudget budget(std::size_t{64} << 20);
  try {
    const h5kit::File file =
        h5kit::File::from_image(std::span<const std::byte>(reinterpret_cast<const std::byte*>(data), size));
    std::vector<std::string> names;
    try {
      file.visit([&](const std::string& name) {
        if (names.size() < 1000) names.push_back(name);
        return false;
      });
    } catch (const h5kit::Error&) {
    }
    read_everything(file);
    for (const std::string& name : names) {
      try {
        read_everything(file.open(name));
      } catch (const h5kit::Error&) {
      }
    }
    try {
      (void)h5kit::load<Run>(file);
    } catch (const h5kit::Error&) {
    }
  } catch (const h5kit::Error&) {
  }
  return 0;
}
