*---------------------------------------------------------------------*
* SAIO: I/O for standalone programs, copied into each deck.           *
*                                                                     *
* DOIO runs one channel program and waits for its end by testing the  *
* device (TEST I/O) with every interruption disabled, so a program    *
* needs no interruption handlers.                                     *
*   Entry: R1 = device address, R2 = address of the first CCW,        *
*          R14 = return address.                                      *
*   Exit:  R15 = unit status * 256 + channel status from the CSW      *
*          (X'0C00' is a clean end), X'FFFF' if the device is not     *
*          operational. Changes R15 and the CAW (X'48').              *
* Devices (as docs/dasd370.md lists): 009 3215 console, 00C reader,   *
* 00D punch, 00E printer.                                             *
*---------------------------------------------------------------------*
CONS     EQU   X'009'
READER   EQU   X'00C'
PUNCH    EQU   X'00D'
PRINTER  EQU   X'00E'
CSWUNIT  EQU   X'44'                   CSW unit and channel status
CAW      EQU   X'48'
IPLDEV   EQU   2                       the IPL device: bytes 2-3 of the
*                                      BC-mode IPL PSW at 0 (Hercules
*                                      sets no X'BA' for a BC PSW)
DOIO     ST    2,CAW                   key 0, the CCW address
         SIO   0(1)
         BC    1,DOIONOP               cc 3: not operational
         BC    4,DOIOCSW               cc 1: CSW stored, program ended
         BC    2,DOIO                  cc 2: busy, start it again
DOIOTIO  TIO   0(1)
         BC    2,DOIOTIO               cc 2: still working
         BC    1,DOIONOP
         BC    4,DOIOCSW               cc 1: the ending status
         SR    15,15                   cc 0: nothing pending
         BR    14
DOIOCSW  SR    15,15
         ICM   15,3,CSWUNIT
         BR    14
DOIONOP  L     15,=F'65535'
         BR    14
