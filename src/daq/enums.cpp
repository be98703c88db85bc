#include "h5kit/daq/enums.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

template <class E>
struct Table;

template <>
struct Table<GroupType> {
  static constexpr const char* python = "GroupType";
  static constexpr std::array<std::pair<GroupType, std::string_view>, 8> entries{{
      {GroupType::detector, "detector"}, {GroupType::actuator, "actuator"}, {GroupType::data, "data"},
      {GroupType::ch, "ch"}, {GroupType::scan, "scan"}, {GroupType::external_h5, "external_h5"},
      {GroupType::data_dim, "data_dim"}, {GroupType::data_logger, "data_logger"}}};
};
template <>
struct Table<SaveType> {
  static constexpr const char* python = "SaveType";
  static constexpr std::array<std::pair<SaveType, std::string_view>, 6> entries{{
      {SaveType::scan, "scan"}, {SaveType::detector, "detector"}, {SaveType::logger, "logger"},
      {SaveType::custom, "custom"}, {SaveType::actuator, "actuator"}, {SaveType::optimizer, "optimizer"}}};
};
template <>
struct Table<DataType> {
  static constexpr const char* python = "DataType";
  static constexpr std::array<std::pair<DataType, std::string_view>, 8> entries{{
      {DataType::data, "data"}, {DataType::axis, "axis"}, {DataType::live_scan, "live_scan"},
      {DataType::external_h5, "external_h5"}, {DataType::strings, "strings"}, {DataType::bkg, "bkg"},
      {DataType::data_enlargeable, "data_enlargeable"}, {DataType::error, "error"}}};
};
template <>
struct Table<FileType> {
  static constexpr const char* python = "FileType";
  static constexpr std::array<std::pair<FileType, std::string_view>, 4> entries{{
      {FileType::detector, "detector"}, {FileType::actuator, "actuator"}, {FileType::axis, "axis"},
      {FileType::scan, "scan"}}};
};
template <>
struct Table<DataDim> {
  static constexpr const char* python = "DataDim";
  static constexpr std::array<std::pair<DataDim, std::string_view>, 4> entries{{
      {DataDim::Data0D, "Data0D"}, {DataDim::Data1D, "Data1D"}, {DataDim::Data2D, "Data2D"},
      {DataDim::DataND, "DataND"}}};
};
template <>
struct Table<DataSource> {
  static constexpr const char* python = "DataSource";
  static constexpr std::array<std::pair<DataSource, std::string_view>, 2> entries{{
      {DataSource::raw, "raw"}, {DataSource::calculated, "calculated"}}};
};
template <>
struct Table<DataDistribution> {
  static constexpr const char* python = "DataDistribution";
  static constexpr std::array<std::pair<DataDistribution, std::string_view>, 2> entries{{
      {DataDistribution::uniform, "uniform"}, {DataDistribution::spread, "spread"}}};
};

template <class E>
std::string_view name_of(E v) noexcept {
  for (const auto& [member, text] : Table<E>::entries)
    if (member == v) return text;
  return "?";
}

bool iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view name(GroupType v) noexcept { return name_of(v); }
std::string_view name(SaveType v) noexcept { return name_of(v); }
std::string_view name(DataType v) noexcept { return name_of(v); }
std::string_view name(FileType v) noexcept { return name_of(v); }
std::string_view name(DataDim v) noexcept { return name_of(v); }
std::string_view name(DataSource v) noexcept { return name_of(v); }
std::string_view name(DataDistribution v) noexcept { return name_of(v); }

std::string_view value(DataType v) noexcept {
  switch (v) {
    case DataType::data: return "Data";
    case DataType::axis: return "Axis";
    case DataType::live_scan: return "Live";
    case DataType::external_h5: return "ExtData";
    case DataType::strings: return "Strings";
    case DataType::bkg: return "Bkg";
    case DataType::data_enlargeable: return "EnlData";
    case DataType::error: return "ErrorBar";
  }
  return "?";
}

std::string lower_name(GroupType v) { return lower(name(v)); }
std::string lower_name(SaveType v) { return lower(name(v)); }

template <class E>
std::vector<E> members() {
  std::vector<E> out;
  for (const auto& entry : Table<E>::entries) out.push_back(entry.first);
  return out;
}

template <class E>
E parse(std::string_view text) {
  for (const auto& [member, member_name] : Table<E>::entries)
    if (iequal(member_name, text)) return member;
  std::string accepted;
  for (const auto& entry : Table<E>::entries) {
    if (!accepted.empty()) accepted += ", ";
    accepted += "'" + std::string(entry.second) + "'";
  }
  throw_error(ErrorKind::invalid_argument, std::string("parse ") + Table<E>::python, "", "",
              "'" + std::string(text) + "' is not a " + Table<E>::python + " name; expected one of " + accepted +
                  " (case-insensitive)");
}

#define H5KIT_DAQ_ENUM(E)                       \
  template std::vector<E> members<E>();         \
  template E parse<E>(std::string_view text);
H5KIT_DAQ_ENUM(GroupType)
H5KIT_DAQ_ENUM(SaveType)
H5KIT_DAQ_ENUM(DataType)
H5KIT_DAQ_ENUM(FileType)
H5KIT_DAQ_ENUM(DataDim)
H5KIT_DAQ_ENUM(DataSource)
H5KIT_DAQ_ENUM(DataDistribution)
#undef H5KIT_DAQ_ENUM

DataType data_type_from_value(std::string_view text) {
  for (DataType t : members<DataType>())
    if (value(t) == text) return t;
  throw_error(ErrorKind::invalid_argument, "parse DataType value", "", "",
              "'" + std::string(text) +
                  "' is not a DataType value; expected one of 'Data', 'Axis', 'Live', 'ExtData', 'Strings', 'Bkg', "
                  "'EnlData', 'ErrorBar'");
}

DataDim dim_from_shape(const std::vector<std::size_t>& shape) noexcept {
  if (shape.size() <= 1 && (shape.empty() || shape[0] == 1)) return DataDim::Data0D;
  if (shape.size() == 1) return DataDim::Data1D;
  if (shape.size() == 2) return DataDim::Data2D;
  return DataDim::DataND;
}

}  // namespace h5kit::daq
