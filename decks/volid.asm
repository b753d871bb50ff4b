*---------------------------------------------------------------------*
* VOLID: a standalone program IPLed from a CKD volume: reads the      *
* volume label (VOL1, record 3 of cylinder 0 head 0) of the IPL       *
* device, keeps the volume serial at X'300', prints                   *
* "VOLUME SERIAL vvvvvv" on the printer (00E) and enters the disabled *
* wait X'00020000 00000000'. Errors give the wait X'00020000 0000EEnn' *
* (01 reading the label, 02 no VOL1 record, 03 printer).               *
* Loads at 0: its first doubleword is the IPL PSW.                     *
*---------------------------------------------------------------------*
VOLID    START 0
IPLPSW   DC    X'00000000',A(BEGIN)    disabled, key 0, supervisor
         ORG   VOLID+X'300'
SERIAL   DC    CL6' '                  the volume serial, for a dump
         ORG   VOLID+X'400'
BEGIN    SR    12,12                   the program is at 0: base 0
         USING VOLID,12
         SR    1,1
         ICM   1,3,IPLDEV              the device we were loaded from
         LA    2,LBLCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILRD
         CLC   LABEL(4),=C'VOL1'
         BNE   FAILLBL
         MVC   SERIAL,LABEL+4
         MVC   LINE+14(6),SERIAL
         LA    1,PRINTER
         LA    2,PRTCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILPRT
         LPSW  WAITOK
FAILRD   LPSW  WAITRD
FAILLBL  LPSW  WAITLBL
FAILPRT  LPSW  WAITPRT
         COPY  SAIO
         DS    0D
WAITOK   DC    X'00020000',A(0)
WAITRD   DC    X'00020000',A(X'EE01')
WAITLBL  DC    X'00020000',A(X'EE02')
WAITPRT  DC    X'00020000',A(X'EE03')
LBLCCW   CCW   X'07',SEEK,X'40',6      seek cylinder 0 head 0
SEARCH   CCW   X'31',SEEK+2,X'40',5    search ID equal: R3
         CCW   X'08',SEARCH,0,0        TIC back until found
         CCW   X'06',LABEL,X'20',80    read data (SLI)
PRTCCW   CCW   X'09',LINE,X'00',L'LINE
SEEK     DC    X'0000',X'0000',X'0000',X'03'   00 00 CC HH, then R
LABEL    DS    CL80
LINE     DC    C'VOLUME SERIAL ??????'
         LTORG
         END   BEGIN
