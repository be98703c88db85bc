#pragma once
// pymodaq's enums (spec §2): GroupType, SaveType, DataType, FileType, DataDim, DataSource and
// DataDistribution with pymodaq's member names and values. pymodaq stores a member as its name (the
// lower-case name for a group or save `type`, the name for `data_dimension`, `source`,
// `distribution`), and parses a name case-insensitively (enum_checker), so that is what h5kit does.
#include <string>
#include <string_view>
#include <vector>

namespace h5kit::daq {

// backends.GroupType: what a group holds (its `type` attribute).
enum class GroupType { detector = 0, actuator = 1, data = 2, ch = 3, scan = 4, external_h5 = 5, data_dim = 6,
                       data_logger = 7 };

// backends.SaveType: what a file holds (the `type` of /RawData). `optimizer` appears in pymodaq 5's
// documentation of backends.SaveType although the spec's table stops at actuator.
enum class SaveType { scan = 0, detector = 1, logger = 2, custom = 3, actuator = 4, optimizer = 5 };

// saving.DataType: the `data_type` attribute of an array (its name) and the prefix of its node name
// (its value: 'Data', 'Axis', 'Bkg', 'EnlData', 'ErrorBar', 'Live', 'ExtData', 'Strings').
enum class DataType { data, axis, live_scan, external_h5, strings, bkg, data_enlargeable, error };

// saving.FileType (not used by the savers).
enum class FileType { detector = 0, actuator = 1, axis = 2, scan = 3 };

// data.DataDim, data.DataSource, data.DataDistribution.
enum class DataDim { Data0D = 0, Data1D = 1, Data2D = 2, DataND = 3 };
enum class DataSource { raw = 0, calculated = 1 };
enum class DataDistribution { uniform = 0, spread = 1 };

// The member's Python name: "detector", "data_enlargeable", "Data2D", "raw", ...
std::string_view name(GroupType v) noexcept;
std::string_view name(SaveType v) noexcept;
std::string_view name(DataType v) noexcept;
std::string_view name(FileType v) noexcept;
std::string_view name(DataDim v) noexcept;
std::string_view name(DataSource v) noexcept;
std::string_view name(DataDistribution v) noexcept;

// The member's Python value. DataType's values are strings ('Data', 'EnlData', ...); the others are ints.
std::string_view value(DataType v) noexcept;
template <class E>
constexpr int value(E v) noexcept { return static_cast<int>(v); }

// The name in lower case, as pymodaq writes a group's or file's `type` (group_type.name.lower()).
std::string lower_name(GroupType v);
std::string lower_name(SaveType v);

// Every member, in declaration order.
template <class E>
std::vector<E> members();

// enum_checker: a member from its name, compared case-insensitively ("DATA2D" and "data2d" give
// DataDim::Data2D). Anything else is an InvalidArgumentError listing the accepted names.
// Instantiated for the seven enums above.
template <class E>
E parse(std::string_view text);

// DataType from its value ('Data' -> DataType::data; exact, as pymodaq compares values).
DataType data_type_from_value(std::string_view text);

// DataDim.from_data_array's rule from a shape: (1,) -> Data0D, 1-D -> Data1D, 2-D -> Data2D, else DataND.
DataDim dim_from_shape(const std::vector<std::size_t>& shape) noexcept;

}  // namespace h5kit::daq
