#pragma once
// H5Backend: pymodaq_data's backend (backends.py, spec §5) on h5kit's core, writing files that
// pymodaq 5.0.5 on PyTables 3.7 would write (spec §6): PyTables' system attributes (CLASS, TITLE,
// VERSION, EXTDIM, PYTABLES_FORMAT_VERSION), PyTables' chunk shapes and fill values, and pymodaq's
// JSON attributes `shape`, `dtype`, `subdtype`, `backend` on every array.
//
//   daq::H5Backend h5;
//   h5.open_file("scan.h5", "w");                      // title 'PyMoDAQ file'
//   auto g = h5.add_group("scan", daq::GroupType::scan, "/", "my scan", {{"attr", 21.4}});
//   auto e = h5.create_earray(g, "EnlData00", daq::ElementType::float64, {10, 3});
//   e.append(NDArray<double>(Shape{10, 3}, 1.0));      // shape (1, 10, 3)
//   h5.close_file();                                   // errors are raised, not printed
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "h5kit/daq/element_type.hpp"
#include "h5kit/daq/enums.hpp"
#include "h5kit/daq/node.hpp"
#include "h5kit/daq/py_value.hpp"
#include "h5kit/file.hpp"

namespace h5kit::daq {

// Where an operation applies: a path ("/RawData/Scan000", relative paths start at the root) or a node.
class Location {
 public:
  Location(const char* path) : path_(path) {}
  Location(std::string path) : path_(std::move(path)) {}
  Location(std::string_view path) : path_(path) {}
  Location(const Node& node) : node_(node) {}
  const std::optional<Node>& node() const noexcept { return node_; }
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::optional<Node> node_;
};

// define_compression's choice: PyTables' Filters(complevel=level, complib='zlib'), shuffle on.
struct Compression {
  std::string library = "zlib";  // 'gzip' is stored as 'zlib', as pymodaq's PyTables backend does
  int level = 0;                 // 0: no filter at all; 1-9: SHUFFLE + DEFLATE(level)
  bool enabled() const noexcept { return level > 0; }
};

struct BackendOptions {
  // The root `pymodaq_version` and `pymodaq_data_version` a new file ('w') gets. pymodaq writes the
  // installed versions ('0.0.0' without pymodaq, which its h5browser refuses: it needs >= 4.0.0).
  std::string pymodaq_version = "5.0.5";
  std::string pymodaq_data_version = "5.0.5";
};

class H5Backend {
 public:
  H5Backend() = default;
  explicit H5Backend(BackendOptions options) : options_(std::move(options)) {}
  H5Backend(const H5Backend&) = delete;
  H5Backend& operator=(const H5Backend&) = delete;
  H5Backend(H5Backend&&) noexcept = default;
  H5Backend& operator=(H5Backend&&) noexcept = default;
  // Closes an open file quietly; call close_file() to see errors.
  ~H5Backend();

  // PyTables' open_file(path, mode, title): "r" read-only, "r+" read/write (must exist), "a"
  // read/write (created when absent), "w" create or truncate. A new file gets the root's CLASS,
  // TITLE = title, VERSION and PYTABLES_FORMAT_VERSION; mode "w" also pymodaq_version and
  // pymodaq_data_version. An open file is closed first. InvalidArgumentError for another mode.
  void open_file(const std::string& path, std::string_view mode = "r", std::string_view title = "PyMoDAQ file");
  // Flushes and closes. Unlike pymodaq, a failure is raised (FileError), not printed.
  void close_file();
  bool isopen() const noexcept { return file_.valid(); }
  void flush() const;
  std::string filename() const;
  const h5kit::File& h5file() const;  // ClosedObjectError when no file is open
  const BackendOptions& options() const noexcept { return options_; }

  // ---- nodes ----
  Group root() const;
  // The node at `where` (and `name` below it), typed by CLASS. NotFoundError naming the file and
  // path when absent. Never writes (see node.hpp).
  Node get_node(const Location& where) const;
  Node get_node(const Location& where, std::string_view name) const;
  std::optional<Group> get_parent_node(const Location& node) const;  // nullopt for the root
  std::string get_node_name(const Location& node) const;
  std::string get_node_path(const Location& node) const;
  std::vector<std::pair<std::string, Node>> get_children(const Location& where) const;
  // PyTables' walk_groups: `where`, then each group's child groups by name, taken from a stack
  // (so the last-named subtree is walked first after the first level: /, g1, g2, g2/g21, g2/g22, g1/...).
  // Empty when `where` is not a group.
  std::vector<Group> walk_groups(const Location& where) const;
  // pymodaq's walk_nodes: `where`, then the children of every group of walk_groups(where).
  std::vector<Node> walk_nodes(const Location& where) const;
  bool is_node_in_group(const Location& where, std::string_view name) const;  // case-insensitive
  // The direct child group with this TITLE (and CLASS 'GROUP'), or nullopt.
  std::optional<Group> get_group_by_title(const Location& where, std::string_view title) const;

  // ---- groups ----
  // The existing child `name`, or a new group (CLASS 'GROUP', TITLE, VERSION '1.0'). Adds no pymodaq
  // attributes; an existing group keeps its TITLE. TypeMismatchError when `name` is an array.
  Group get_set_group(const Location& where, std::string_view name, std::string_view title = "") const;
  // pymodaq's add_group: when `group_name` is not a child of `where`, get_set_group(where,
  // capitalize(group_name), title) ('base group' -> 'Base group'), then `type` = the type's name in
  // lower case and every metadata item; `backend` = 'tables' always. The string form parses the type
  // case-insensitively (InvalidArgumentError naming the accepted types).
  Group add_group(std::string_view group_name, GroupType type, const Location& where, std::string_view title = "",
                  const Metadata& metadata = {}) const;
  Group add_group(std::string_view group_name, std::string_view type, const Location& where,
                  std::string_view title = "", const Metadata& metadata = {}) const;

  // ---- arrays (created with the compression of define_compression) ----
  // A chunked CARRAY holding `data` (at least 1-D): `shape`, `dtype`, `subdtype` '' and `backend`.
  CArray create_carray(const Location& where, std::string_view name, const ArrayView& data,
                       std::string_view title = "") const;
  template <class T>
  CArray create_carray(const Location& where, std::string_view name, const NDArray<T>& data,
                       std::string_view title = "") const {
    return create_carray(where, name, array_view(data), title);
  }
  // An EARRAY of shape (0,) + data_shape, enlargeable along axis 0; `shape` (0, ...).
  EArray create_earray(const Location& where, std::string_view name, ElementType dtype, const Shape& data_shape = {},
                       std::string_view title = "") const;
  // A 1-D VLARRAY of `dtype` rows; `shape` (0,), `subdtype` ''.
  VLArray create_vlarray(const Location& where, std::string_view name, ElementType dtype,
                         std::string_view title = "") const;
  // create_vlarray(dtype='string'): uint8 rows, `dtype` 'uint8', `subdtype` 'string'.
  StringArray create_string_array(const Location& where, std::string_view name, std::string_view title = "") const;

  // 'zlib' or 'gzip' (the same filter), level 0-9; applies to every array created afterwards.
  // InvalidArgumentError for another library or level.
  void define_compression(std::string_view library, int level);
  const Compression& compression() const noexcept { return compression_; }

  // ---- attributes (see Node) ----
  bool has_attr(const Location& node, std::string_view name) const;
  PyValue get_attr(const Location& node, std::string_view name) const;
  void set_attr(const Location& node, std::string_view name, const PyValue& value) const;

 private:
  Node resolve(const Location& where, const char* operation) const;
  Group resolve_group(const Location& where, const char* operation) const;
  h5kit::DatasetOptions array_options(const Shape& chunks, const Shape& maxshape) const;

  BackendOptions options_;
  Compression compression_;
  h5kit::File file_;
};

// pymodaq's capitalize: the first character upper-cased (ASCII), the rest unchanged.
std::string capitalize(std::string_view name);

}  // namespace h5kit::daq
