*---------------------------------------------------------------------*
* CARDIO: a standalone program that reads every card from the reader  *
* (00C) until unit exception (the end of the deck) or a not-ready     *
* reader, punches each card on the punch (00D) and prints it on the   *
* printer (00E), then prints a trailer line "nnnnn CARDS" after a      *
* skip to channel 1 and enters the disabled wait                       *
* X'00020000 00000000' with the card count in R9. An I/O error gives   *
* the wait X'00020000 0000EEnn' (nn: 01 reader, 02 punch, 03 printer). *
* Loads at 0: its first doubleword is the IPL PSW.                     *
*---------------------------------------------------------------------*
CARDIO   START 0
IPLPSW   DC    X'00000000',A(BEGIN)    disabled, key 0, supervisor
         ORG   CARDIO+X'200'
BEGIN    BALR  12,0
         USING *,12
         SR    9,9                     cards so far
NEXT     LA    1,READER
         LA    2,RDCCW
         BAL   14,DOIO
         STH   15,STATUS
         TM    STATUS,X'03'            unit check or unit exception:
         BNZ   DONE                    the end of the deck
         CH    15,=X'0C00'
         BNE   FAILRDR
         LA    9,1(,9)
         LA    1,PUNCH
         LA    2,PCHCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILPCH
         LA    1,PRINTER
         LA    2,PRTCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILPRT
         B     NEXT
DONE     CVD   9,DWORD
         UNPK  COUNT,DWORD
         OI    COUNT+L'COUNT-1,X'F0'
         LA    1,PRINTER
         LA    2,ENDCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILPRT
         LPSW  WAITOK
FAILRDR  LPSW  WAITRDR
FAILPCH  LPSW  WAITPCH
FAILPRT  LPSW  WAITPRT
         COPY  SAIO
         DS    0D
DWORD    DS    D
WAITOK   DC    X'00020000',A(0)
WAITRDR  DC    X'00020000',A(X'EE01')
WAITPCH  DC    X'00020000',A(X'EE02')
WAITPRT  DC    X'00020000',A(X'EE03')
RDCCW    CCW   X'02',CARD,X'00',80     read a card
PCHCCW   CCW   X'01',CARD,X'00',80     punch it
PRTCCW   CCW   X'09',CARD,X'00',80     print it, space 1
ENDCCW   CCW   X'89',TRAILER,X'00',L'TRAILER   print, skip to channel 1
STATUS   DS    H
CARD     DS    CL80
TRAILER  DS    0CL11
COUNT    DS    CL5
         DC    C' CARDS'
         LTORG
         END   BEGIN
