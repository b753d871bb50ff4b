*---------------------------------------------------------------------*
* HELLO: a standalone program that prints one line on the 1403         *
* printer (00E) and on the 3215 console (009), then enters the         *
* disabled wait X'00020000 00000000'. An error on the printer gives    *
* the wait X'00020000 0000EE01' instead. Loads at 0: its first         *
* doubleword is the IPL PSW.                                           *
*---------------------------------------------------------------------*
HELLO    START 0
IPLPSW   DC    X'00000000',A(BEGIN)    disabled, key 0, supervisor
         ORG   HELLO+X'200'
BEGIN    BALR  12,0
         USING *,12
         LA    1,PRINTER
         LA    2,PRTCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILPRT
         LA    1,CONS                  the console is best effort:
         LA    2,CONCCW                Hercules' 3215 may have no
         BAL   14,DOIO                 terminal on it
         LPSW  WAITOK
FAILPRT  LPSW  WAITPRT
         COPY  SAIO
         DS    0D
WAITOK   DC    X'00020000',A(0)
WAITPRT  DC    X'00020000',A(X'EE01')
PRTCCW   CCW   X'09',TEXT,X'00',L'TEXT write, space 1
CONCCW   CCW   X'09',TEXT,X'00',L'TEXT write, carrier return
TEXT     DC    C'HELLO FROM A STANDALONE S/370 PROGRAM'
         LTORG
         END   BEGIN
