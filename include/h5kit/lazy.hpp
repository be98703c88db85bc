#pragma once
// Lazy containers (ch5mpy in C++): groups seen as dicts and lists, datasets seen as N-d arrays
// computed on chunk by chunk within a memory cap. docs/lazy.md is the guide. Each header below
// also stands alone, for a translation unit that needs only one part.
#include "h5kit/lazy/chunk_plan.hpp"
#include "h5kit/lazy/creation.hpp"
#include "h5kit/lazy/describe.hpp"
#include "h5kit/lazy/dict.hpp"
#include "h5kit/lazy/elementwise.hpp"
#include "h5kit/lazy/h5array.hpp"
#include "h5kit/lazy/list.hpp"
#include "h5kit/lazy/memory_cap.hpp"
#include "h5kit/lazy/object.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "h5kit/lazy/routines.hpp"
#include "h5kit/lazy/sort.hpp"
#include "h5kit/lazy/strings.hpp"
#include "h5kit/lazy/value.hpp"
