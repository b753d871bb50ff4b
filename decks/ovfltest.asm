*---------------------------------------------------------------------*
* OVFLTEST: track overflow on the 3330 at 131. Writes a 20000-byte    *
* record R1 as two segments, 13000 bytes on cylinder 0 head 1 (Write  *
* Special Count Key and Data) and 7000 bytes on head 2 (Write Count   *
* Key and Data), reads its count and data back (the data goes on      *
* across the segments), compares, reads it again with Read Count Key  *
* and Data (SLI) and checks that 20008 bytes came. Ends in the wait   *
* X'00020000 00000000', or X'00020000 0000EEnn' (01 write, 02 read,   *
* 03 compare, 04 read CKD). Loads at 0: its first doubleword is the   *
* IPL PSW. The same program on two machines gives the same volume.    *
*---------------------------------------------------------------------*
OVFLTEST START 0
IPLPSW   DC    X'00000000',A(BEGIN)    disabled, key 0, supervisor
         ORG   OVFLTEST+X'400'
BEGIN    SR    12,12                   the program is at 0: base 0
         USING OVFLTEST,12
         L     3,=A(SOURCE)            the record: bytes 0, 1, 2, ...
         L     4,=F'20000'
         SR    5,5
FILL     STC   5,0(,3)
         LA    5,1(,5)
         LA    3,1(,3)
         BCT   4,FILL
         LA    1,X'131'
         LA    2,WCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILW
         LA    2,RCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILR
         L     2,=A(SOURCE)
         L     3,=F'20000'
         L     4,=A(BACK)
         LR    5,3
         CLCL  2,4
         BNE   FAILC
         LA    1,X'131'
         LA    2,CKDCCW
         BAL   14,DOIO
         CH    15,=X'0C00'
         BNE   FAILCKD
         CLC   X'46'(2),=X'2708'       residual: 30000 - 20008
         BNE   FAILCKD
         LPSW  WAITOK
FAILW    LPSW  WAITW
FAILR    LPSW  WAITR
FAILC    LPSW  WAITC
FAILCKD  LPSW  WAITCKD
         COPY  SAIO
         DS    0D
WAITOK   DC    X'00020000',A(0)
WAITW    DC    X'00020000',A(X'EE01')
WAITR    DC    X'00020000',A(X'EE02')
WAITC    DC    X'00020000',A(X'EE03')
WAITCKD  DC    X'00020000',A(X'EE04')
WCCW     CCW   X'1F',MASK,X'40',1      file mask: all writes
         CCW   X'07',SEEK1,X'40',6
SEARCH1  CCW   X'31',SEEK1+2,X'40',5   search ID equal R0
         CCW   X'08',SEARCH1,0,0
         CCW   X'01',COUNT1,X'80',8    write special CKD: segment 1
         CCW   0,SOURCE,X'60',13000
         CCW   X'07',SEEK2,X'40',6
SEARCH2  CCW   X'31',SEEK2+2,X'40',5
         CCW   X'08',SEARCH2,0,0
         CCW   X'1D',COUNT2,X'80',8    write CKD: segment 2
         CCW   0,SOURCE+13000,X'20',7000
RCCW     CCW   X'07',SEEK1,X'40',6
         CCW   X'12',RCOUNT,X'40',8    read count of R1
         CCW   X'06',BACK,X'00',20000  read data: both segments
CKDCCW   CCW   X'07',SEEK1,X'40',6
SEARCH3  CCW   X'31',ID1,X'40',5
         CCW   X'08',SEARCH3,0,0
         CCW   X'1E',CKDBACK,X'20',30000
MASK     DC    X'C0'
SEEK1    DC    X'0000',X'0000',X'0001',X'00'   00 00 CC HH, R0
SEEK2    DC    X'0000',X'0000',X'0002',X'00'
ID1      DC    X'0000',X'0001',X'01'
COUNT1   DC    X'0000',X'0001',X'01',X'00',AL2(13000)
COUNT2   DC    X'0000',X'0002',X'01',X'00',AL2(7000)
RCOUNT   DS    XL8
         LTORG
SOURCE   EQU   X'10000'
BACK     EQU   X'20000'
CKDBACK  EQU   X'30000'
         END   BEGIN
