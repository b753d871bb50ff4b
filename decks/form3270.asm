*---------------------------------------------------------------------*
* FORM3270 - a standalone 3270 form program (IPL from cards, X'1000')
*
* Function: serves the 3270 displays at 0C0 and 0C1. When a display
*   connects (unsolicited device end) it writes a form: a title naming
*   the device, an input field NAME and an echo line. When the operator
*   presses an AID key (attention) it reads the display with Read
*   Modified and writes the form again with the echo line showing the
*   AID and the text of the modified input field:
*     LAST AID=ENTER FIELD=HELLO
*   PA keys and Clear give a short read (the AID only), so their echo
*   shows no field text. PF12 makes the program write a bad data stream
*   (an SBA beyond the screen) and sense the device: the echo line then
*   shows what the device said (OPERATION CHECK for sense X'01').
* Entry: from IPL, BC mode, disabled, key 0.
* Exit: none; it waits for I/O interruptions for ever. A program check
*   loads a disabled wait PSW with address X'BAD'.
* Registers: R2 device address, R3 CCW address for DOIO, R4-R6 work,
*   R12 base, R14 return address.
* Used by tests/system/tn3270.sh (an end-to-end test through s3270).
*---------------------------------------------------------------------*
FORM3270 START X'1000'
BEGIN    BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW          I/O new PSW
         MVC   X'68'(8),PGMNEW         program new PSW
WAIT     LPSW  WAITPSW                 wait for an I/O interruption
*
* I/O interruption (BC mode): device in the old PSW, CSW at X'40'.
*
IOINT    LH    2,X'3A'                 device: old PSW's code
         MVC   STATUS,X'44'            unit status of the CSW
         TM    STATUS,X'80'            attention: the operator's AID
         BO    ATTN
         TM    STATUS,X'04'            device end: a display came
         BZ    WAIT
         MVC   SAID,=CL5'NONE'
         MVI   SFLD,C' '
         MVC   SFLD+1(19),SFLD
         B     FORM
*
* Attention: Read Modified, then show the AID and the field.
*
ATTN     LA    3,RMCCW
         BAL   14,DOIO
         TM    CSWSAVE+4,X'02'         unit check: display gone
         BO    WAIT
         LA    4,AIDTAB
AIDLOOP  CLI   0(4),X'00'              end of the table: unknown AID
         BE    AIDSET
         CLC   0(1,4),INBUF
         BE    AIDSET
         LA    4,6(4)
         B     AIDLOOP
AIDSET   MVC   SAID,1(4)
         CLI   INBUF,X'7C'             PF12: a bad data stream
         BE    BADDS
         MVI   SFLD,C' '
         MVC   SFLD+1(19),SFLD
         LH    5,=H'256'
         SH    5,CSWSAVE+6             bytes read = count - residual
         CH    5,=H'6'                 AID, cursor, SBA and address
         BNH   FORM
         CLI   INBUF+3,X'11'           first field starts with SBA
         BNE   FORM
         SH    5,=H'6'
         CH    5,=H'20'
         BNH   FLDLEN
         LH    5,=H'20'
FLDLEN   BCTR  5,0
         EX    5,MVCFLD
*
* Write the form (Erase/Write) to the display at R2.
*
FORM     STH   2,HALF
         UNPK  HEX(5),HALF(3)          device address in hexadecimal
         TR    HEX(4),HEXTAB-X'F0'
         MVC   SDEV,HEX+1
         LA    3,EWCCW
         BAL   14,DOIO
         B     WAIT
*
* PF12: Write with an SBA to address 4095, beyond any 24x80 screen; the
* device must end it with unit check, and its sense byte say why.
*
BADDS    MVC   SFLD,=CL20'NO UNIT CHECK'
         LA    3,BADCCW
         BAL   14,DOIO
         TM    CSWSAVE+4,X'02'
         BZ    FORM
         LA    3,SNSCCW
         BAL   14,DOIO
         MVC   SFLD,=CL20'OTHER SENSE'
         CLI   SENSE,X'01'             operation check
         BNE   FORM
         MVC   SFLD,=CL20'OPERATION CHECK'
         B     FORM
*
* DOIO: run the channel program at R3 on device R2 and wait for its end
* (TEST I/O until the device is no longer busy); CSW to CSWSAVE.
*
DOIO     ST    3,X'48'                 CAW
DOSIO    SIO   0(2)
         BC    6,DOSIO                 busy, or status pending: again
         BC    1,DOIONOP               not operational
DOTIO    TIO   0(2)
         BC    2,DOTIO                 still working
         MVC   CSWSAVE,X'40'
         BR    14
DOIONOP  MVI   CSWSAVE+4,X'02'         treat as unit check
         BR    14
*
MVCFLD   MVC   SFLD(0),INBUF+6
*
         DS    0D
IONEW    DC    X'00000000',A(IOINT)
PGMNEW   DC    X'00020000',A(X'BAD')
WAITPSW  DC    X'FE020000',A(0)        enabled for channels 0-6, wait
RMCCW    CCW   X'06',INBUF,X'20',L'INBUF    Read Modified, SLI
EWCCW    CCW   X'05',SCREEN,X'20',SCREENL   Erase/Write, SLI
BADCCW   CCW   X'01',BADDATA,X'20',BADL     Write, SLI
SNSCCW   CCW   X'04',SENSE,X'20',1          Sense, SLI
BADDATA  DC    X'C3',X'117F7F',C'X'    WCC, SBA 4095, a character
BADL     EQU   *-BADDATA
SENSE    DS    X
CSWSAVE  DS    XL8
HALF     DS    H
         DS    X
HEX      DS    CL5
STATUS   DS    X
*
* The form: WCC (reset, restore, reset MDT), then orders and text.
* Buffer addresses are 12-bit coded: row 0 col 1 = 40C1, row 2 col 1 =
* C261, row 2 col 28 = C27C, row 4 col 1 = C5C1.
*
SCREEN   DC    X'C3'
         DC    X'1140C1',X'1DE8',C'FORM3270 ON DEVICE '
SDEV     DC    C'000'
         DC    X'11C261',X'1D60',C'NAME:',X'1D40',X'13'
         DC    X'11C27C',X'1D60'
         DC    X'11C5C1',X'1D60',C'LAST AID='
SAID     DC    CL5' '
         DC    C' FIELD='
SFLD     DC    CL20' '
SCREENL  EQU   *-SCREEN
*
AIDTAB   DC    X'7D',CL5'ENTER'
         DC    X'F1',CL5'PF1',X'F2',CL5'PF2',X'F3',CL5'PF3'
         DC    X'F4',CL5'PF4',X'F5',CL5'PF5',X'F6',CL5'PF6'
         DC    X'F7',CL5'PF7',X'F8',CL5'PF8',X'F9',CL5'PF9'
         DC    X'7A',CL5'PF10',X'7B',CL5'PF11',X'7C',CL5'PF12'
         DC    X'6C',CL5'PA1',X'6E',CL5'PA2',X'6B',CL5'PA3'
         DC    X'6D',CL5'CLEAR'
         DC    X'00',CL5'OTHER'
HEXTAB   DC    C'0123456789ABCDEF'
         LTORG
INBUF    DS    CL256
         END   BEGIN
