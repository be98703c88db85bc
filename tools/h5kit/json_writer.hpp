#pragma once
// A JSON document written as it is produced, piece by piece, instead of built whole and dumped: a
// dump of a dataset of 2^26 doubles would otherwise hold 2^26 JSON nodes (about 40 bytes each).
// The text is exactly what nlohmann's dump(2) (or dump(-1) when compact) gives for the same
// document, so streaming changes nothing a reader sees:
//   pretty:  {"a": 1, "b": [2, 3]}  ->  "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    3\n  ]\n}"
//   compact: {"a":1,"b":[2,3]}; empty containers are {} and [] in both.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "json_value.hpp"

namespace h5kit::cli {

class JsonWriter {
 public:
  JsonWriter(std::ostream& out, bool compact) : out_(out), compact_(compact) {}

  void begin_object() { open('{', true); }
  void end_object() { close('}'); }
  void begin_array() { open('[', false); }
  void end_array() { close(']'); }
  // The name of the next member of the enclosing object; its value follows (a value or a container).
  void key(const std::string& name);
  // A complete value, formatted by nlohmann at the current depth (small: one element, a shape).
  void value(const Json& value);

  // Whether the output has failed (a full disk, a closed stdout): a writer of a large value stops
  // early rather than read gigabytes that can no longer be delivered.
  bool failed() const;

 private:
  struct Level {
    bool is_object = false;
    bool empty = true;
  };
  void open(char bracket, bool is_object);
  void close(char bracket);
  // The separator before a value or key at the current depth: a comma after the previous item, and
  // in pretty mode a new line indented to the depth.
  void separate();
  void newline_and_indent(std::size_t depth);
  void write(std::string_view text);

  std::ostream& out_;
  bool compact_;
  bool after_key_ = false;  // a key was written: its value follows on the same line
  std::vector<Level> levels_;
  std::string scratch_;
};

}  // namespace h5kit::cli
