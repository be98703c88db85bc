// Must NOT compile: a described struct with a member h5kit cannot store. The compiler's output must
// name the struct's member (&Thing::lookup) and its type (std::map<int, int>); compile_errors_test.cpp checks.
#include <map>

#include <h5kit/compound.hpp>
#include <h5kit/file.hpp>

struct Thing {
  int id;
  std::map<int, int> lookup;
};
BOOST_DESCRIBE_STRUCT(Thing, (), (id, lookup))

void write(const h5kit::File& f) { f.create_dataset("things", std::vector<Thing>{}); }
