// /specifications/<namespace>/<version>/<schema>: JSON in variable- or fixed-length strings.
#include "h5kit/graph/specs.hpp"

#include <nlohmann/json.hpp>

#include "h5kit/dataset.hpp"
#include "h5kit/file.hpp"

namespace h5kit::graph {

using Json = nlohmann::ordered_json;

namespace {

// The text of a string dataset (scalar or one element), trailing NULs removed.
std::string read_text(const Dataset& ds) {
  const Datatype t = ds.dtype();
  if (t.type_class() != TypeClass::string)
    throw std::runtime_error("not a string dataset (type " + t.name() + ")");
  if (ds.is_empty()) throw std::runtime_error("the dataset has no dataspace");
  std::string text;
  if (ds.is_scalar()) {
    text = ds.read<std::string>();
  } else {
    const auto all = ds.read<std::vector<std::string>>();
    if (all.size() != 1) throw std::runtime_error("expected one string, found " + std::to_string(all.size()));
    text = all.front();
  }
  while (!text.empty() && text.back() == '\0') text.pop_back();
  return text;
}

void list_below(const Group& g, const std::string& path, std::vector<std::string>& out) {
  for (const auto& [name, obj] : g.items()) {
    const std::string p = path + "/" + name;
    if (obj.kind() == ObjectKind::dataset) out.push_back(p);
    else if (obj.kind() == ObjectKind::group) list_below(obj.as_group(), p, out);
  }
}

void declared(const std::string& ns, const std::string& version, const Json& doc, Specifications& out) {
  if (!doc.is_object() || !doc.contains("namespaces") || !doc["namespaces"].is_array()) return;
  for (const Json& entry : doc["namespaces"]) {
    if (!entry.is_object()) continue;
    DeclaredNamespace d;
    d.name = entry.value("name", std::string());
    if (entry.contains("version")) {
      const Json& v = entry["version"];
      if (v.is_string()) d.version = v.get<std::string>();
      else if (!v.is_null()) d.version = v.dump();
    }
    d.declared_in = ns + "/" + version;
    out.versions.push_back(std::move(d));
  }
}

}  // namespace

Specifications read_specs(const Group& any) {
  Specifications out;
  const Group root = any.file();
  if (!root.contains("/specifications") || root.object_kind("/specifications") != ObjectKind::group) return out;
  out.present = true;
  const Group specs = root.group("/specifications");
  for (const auto& [ns, ns_obj] : specs.items(IterationOrder::name)) {
    const std::string ns_path = "/specifications/" + ns;
    if (ns_obj.kind() != ObjectKind::group) {
      out.unexpected.push_back(ns_path);
      continue;
    }
    for (const auto& [version, v_obj] : ns_obj.as_group().items(IterationOrder::name)) {
      const std::string v_path = ns_path + "/" + version;
      if (v_obj.kind() != ObjectKind::group) {
        out.unexpected.push_back(v_path);
        continue;
      }
      auto& schemas = out.namespaces[ns][version];
      for (const auto& [schema, s_obj] : v_obj.as_group().items(IterationOrder::name)) {
        const std::string s_path = v_path + "/" + schema;
        if (s_obj.kind() == ObjectKind::group) {
          list_below(s_obj.as_group(), s_path, out.unexpected);
          continue;
        }
        if (s_obj.kind() != ObjectKind::dataset) continue;
        try {
          const std::string text = read_text(s_obj.as_dataset());
          const Json doc = Json::parse(text, nullptr, false);
          if (doc.is_discarded()) {
            out.problems.push_back({s_path, "not valid JSON"});
            continue;
          }
          schemas[schema] = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
          if (schema == "namespace") declared(ns, version, doc, out);
        } catch (const std::exception& e) {
          out.problems.push_back({s_path, e.what()});
        }
      }
    }
  }
  return out;
}

std::map<std::string, std::map<std::string, std::string>> Specifications::flattened() const {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& [ns, by_version] : namespaces)
    for (const auto& [version, schemas] : by_version)
      for (const auto& [schema, json] : schemas) out[ns][schema] = json;
  return out;
}

std::string Specifications::to_json(int indent) const {
  Json out;
  out["present"] = present;
  Json ns_json = Json::object();
  for (const auto& [ns, by_version] : namespaces) {
    Json vj = Json::object();
    for (const auto& [version, schemas] : by_version) {
      Json sj = Json::object();
      for (const auto& [schema, text] : schemas) sj[schema] = Json::parse(text, nullptr, false);
      vj[version] = std::move(sj);
    }
    ns_json[ns] = std::move(vj);
  }
  out["namespaces"] = std::move(ns_json);
  Json versions_json = Json::array();
  for (const DeclaredNamespace& d : versions)
    versions_json.push_back({{"name", d.name},
                             {"version", d.version ? Json(*d.version) : Json(nullptr)},
                             {"declared_in", d.declared_in}});
  out["versions"] = std::move(versions_json);
  out["unexpected"] = unexpected;
  Json problems_json = Json::array();
  for (const SpecProblem& p : problems) problems_json.push_back({{"path", p.path}, {"message", p.message}});
  out["problems"] = std::move(problems_json);
  return out.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace h5kit::graph
