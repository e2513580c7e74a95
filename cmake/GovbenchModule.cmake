# govbench_module(TARGET): a shared module that the govbench executable loads
# on first use (workbench/core/module.hpp): built beside the executable, it
# exports only its entry points, so the static libraries it links stay its
# own copies and never stand in for the executable's.
function(govbench_module target)
  set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/workbench/app)
  target_link_options(${target} PRIVATE -Wl,--exclude-libs,ALL)
  if(NOT GOVBENCH_SANITIZE AND NOT GOVBENCH_FUZZ)
    # All it needs is linked in: a missing symbol fails the build, not the
    # first drawing (the sanitizers' runtime is the executable's, so not there).
    target_link_options(${target} PRIVATE -Wl,-z,defs)
  endif()
endfunction()
