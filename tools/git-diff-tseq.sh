#!/bin/sh
# git external diff driver for task sequences: `tseq diff` instead of a line diff.
#
#   git config diff.tseq.command /path/to/tools/git-diff-tseq.sh
#   echo '*.xml diff=tseq' >> .gitattributes      # or a narrower pattern, e.g. tasksequences/*.xml
#
# git runs it with 7 arguments: path old-file old-hex old-mode new-file new-hex new-mode
# (an added or deleted file has /dev/null on one side; an unmerged path gets the path alone).
# It always exits 0: `tseq diff` exits 1 when the files differ, and git stops at a driver's
# non-zero exit. Set TSEQ to the command to run (default: tseq on the PATH).
TSEQ=${TSEQ:-tseq}

if [ "$#" -lt 7 ]; then
  echo "* Unmerged path $1"
  exit 0
fi

path=$1
old=$2
new=$5
echo "tseq diff a/$path b/$path"
if [ "$old" = /dev/null ]; then
  echo "(new file)"
  $TSEQ show "$new" || diff -u /dev/null "$new"
elif [ "$new" = /dev/null ]; then
  echo "(deleted file)"
else
  # 0: same meaning (the bytes differ: layout, attribute order, …); 1: the changes; 2: not a task sequence.
  $TSEQ diff "$old" "$new"
  case $? in
    0) echo "(no change in meaning: the files differ only in layout)" ;;
    1) ;;
    *) diff -u "$old" "$new" ;;
  esac
fi
exit 0
