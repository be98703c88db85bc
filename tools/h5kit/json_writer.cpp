#include "json_writer.hpp"

#include <ostream>

namespace h5kit::cli {

namespace {

// Strings in a file need not be valid UTF-8 (member names, fixed-length "S" strings hold any bytes);
// bad bytes become U+FFFD rather than fail the whole dump, as the whole-document dump did.
std::string formatted(const Json& value, bool compact) {
  return value.dump(compact ? -1 : 2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void JsonWriter::key(const std::string& name) {
  separate();
  write(formatted(Json(name), true));
  write(compact_ ? ":" : ": ");
  after_key_ = true;
}

void JsonWriter::value(const Json& value) {
  separate();
  const std::string text = formatted(value, compact_);
  if (compact_ || levels_.empty() || text.find('\n') == std::string::npos) {
    write(text);
    return;
  }
  // nlohmann indents from column 0; inside the document every inner line moves right by the depth.
  // A newline in its output is always structural: newlines inside strings are escaped as \n.
  scratch_.clear();
  const std::string indent(levels_.size() * 2, ' ');
  for (const char c : text) {
    scratch_ += c;
    if (c == '\n') scratch_ += indent;
  }
  write(scratch_);
}

bool JsonWriter::failed() const { return out_.fail(); }

void JsonWriter::open(char bracket, bool is_object) {
  separate();
  write(std::string_view(&bracket, 1));
  levels_.push_back({is_object, true});
}

void JsonWriter::close(char bracket) {
  const bool was_empty = levels_.back().empty;
  levels_.pop_back();
  if (!was_empty && !compact_) newline_and_indent(levels_.size());
  write(std::string_view(&bracket, 1));
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;  // the document itself
  Level& level = levels_.back();
  if (!level.empty) write(",");
  level.empty = false;
  if (!compact_) newline_and_indent(levels_.size());
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  scratch_.assign(1, '\n');
  scratch_.append(depth * 2, ' ');
  write(scratch_);
}

void JsonWriter::write(std::string_view text) { out_.write(text.data(), static_cast<std::streamsize>(text.size())); }

}  // namespace h5kit::cli
