# GUI smoke test: open the workbench under Xvfb on a fresh demo database,
# render a frame to PNG, and check the image is a real, non-blank picture.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${GOVBENCH}" init-demo "${OUT}/demo.db" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "init-demo failed: ${rc}")
endif()
execute_process(
  COMMAND xvfb-run -a -s "-screen 0 1600x1000x24" "${GOVBENCH}" screenshot --db "${OUT}/demo.db"
          --view risks -o "${OUT}/shot.png" --size 1280x800
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "screenshot failed (${rc}): ${err}")
endif()
file(SIZE "${OUT}/shot.png" size)
file(READ "${OUT}/shot.png" magic LIMIT 8 HEX)
if(NOT magic STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "shot.png is not a PNG")
endif()
# A blank 1280x800 frame compresses to a few KB; text and a table do not.
if(size LESS 20000)
  message(FATAL_ERROR "shot.png is only ${size} bytes: the frame looks blank")
endif()
message(STATUS "screenshot ok: ${size} bytes")
