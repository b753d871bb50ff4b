*        A standalone program read from tape by IPL: it writes
*        PROGRAM @ on the 3215 console at 009 and stops in a disabled
*        wait whose address is X'@@@' (tests/system/compat-ipl.sh
*        makes one per letter).
TP       START X'400'
BEGIN    BALR  12,0
         USING *,12
         MVC   72(4),CAW              CAW at X'48'
         SIO   9
WAITIO   TIO   9
         BC    2,WAITIO               still busy
         LPSW  DONE
         DS    0D
DONE     DC    X'00020000',A(X'@@@')
CCW      DC    X'09',AL3(MSG),X'20',X'00',AL2(L'MSG)
CAW      DC    A(CCW)
MSG      DC    C'PROGRAM @'
         END   BEGIN
