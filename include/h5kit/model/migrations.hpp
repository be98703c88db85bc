#pragma once
// Versioned models: what changed from one version to the next, so files written by an older version
// still load. Found by argument-dependent lookup beside the model, like h5kit_model():
//
//     inline h5kit::Migrations h5kit_migrations(const Beam*) {
//       return h5kit::Migrations()
//           .since(2).rename("dist", "distance").unit("distance", "m")  // version 1 -> 2
//           .since(3).added("mode");                                    // version 2 -> 3
//     }
//
// Paths are names in the file relative to the dumped model's root, '/'-separated, the last part an
// attribute or link name ("beam/distance"), spelled as in the version given to since(); a rename of a
// group renames everything below it.
// Versions are those of the root model (the one given to dump/load); nested models follow it.
#include <string>
#include <vector>

namespace h5kit {

class Migrations {
 public:
  enum class Kind { rename, unit, added };
  struct Step {
    int version;  // the change was made in this version: files of earlier versions need it
    Kind kind;
    std::string path;   // the name in `version` (rename: the new name)
    std::string value;  // rename: the name before; unit: the unit before
  };

  // The changes that follow were made in `version` (files older than it need them).
  Migrations& since(int version);
  // The field at `new_path` was called `old_path`.
  Migrations& rename(std::string old_path, std::string new_path);
  // The field at `path` was stored in `old_unit` (applied when the file does not record a unit).
  Migrations& unit(std::string path, std::string old_unit);
  // The field at `path` did not exist: older files may lack it; it keeps its default value.
  Migrations& added(std::string path);

  const std::vector<Step>& steps() const noexcept { return steps_; }

  // For a file written with `file_version`: the stored path of `path`, and what else to assume.
  std::string stored_path(const std::string& path, int file_version) const;
  std::string stored_unit(const std::string& path, int file_version) const;  // empty: none recorded here
  bool may_be_missing(const std::string& path, int file_version) const;

 private:
  void add(Kind kind, std::string path, std::string value);
  int current_ = 0;
  std::vector<Step> steps_;
};

}  // namespace h5kit
