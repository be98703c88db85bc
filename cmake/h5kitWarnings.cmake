# Warnings every h5kit target builds with; -Werror only where the developer asks for it.
option(H5KIT_WERROR "Treat warnings as errors" OFF)
function(h5kit_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(H5KIT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
