# embed_text_files(TARGET <target> NAME <symbol> BASE <dir> FILES <files...>)
#
# Compiles text files into the binary so that the program never depends on
# the source tree at run time. Generates a .cpp that defines
#   std::span<const gb::EmbeddedFile> <symbol>()
# (declared in core/embedded.hpp), entries sorted by relative path.
# The generator runs at build time, so editing a file rebuilds the table.
function(embed_text_files)
  cmake_parse_arguments(E "" "TARGET;NAME;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_NAME}.cpp")
  list(SORT E_FILES)
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DNAME=${E_NAME} -DBASE=${E_BASE} -DOUT=${out}
            "-DFILES=${E_FILES}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFilesGen.cmake"
    DEPENDS ${E_FILES} "${PROJECT_SOURCE_DIR}/cmake/EmbedFilesGen.cmake"
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
