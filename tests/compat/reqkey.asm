*        The 3215 request key: a line typed while no read is pending
*        presents attention and is kept for the next read; an empty
*        line answers a pending read with no data. Writes READY,
*        waits enabled for the attention, reads (the kept text),
*        writes GOT:text, reads again (the operator answers with an
*        empty line), checks that no data came, writes EMPTY and
*        stops with a wait PSW at X'CCC' (X'BAD' on a failure). Used
*        by tests/system/compat-ipl.sh.
RK       START X'400'
BEGIN    BALR  12,0
         USING *,12
         MVC   120(8),IONEW           I/O new PSW at X'78'
         LA    2,CCWRDY
         BAL   14,DOIO                write READY
WAIT     LPSW  WAITPSW                enabled wait for the attention
GOTIO    TM    68,X'80'               CSW unit status: attention?
         BNO   WAIT
         LA    2,CCWRD
         BAL   14,DOIO                read the text the console kept
         LH    3,70                   residual count
         LA    4,40
         SR    4,3                    bytes read
         BNP   FAIL
         BCTR  4,0
         EX    4,MOVE                 the text after GOT:
         LA    4,5(,4)                4 + length
         STH   4,CCWGOT+6
         LA    2,CCWGOT
         BAL   14,DOIO
         LA    2,CCWRD
         BAL   14,DOIO                read again: the operator answers
         CLC   70(2),=H'40'           an empty line: no data
         BNE   FAIL
         LA    2,CCWEMP
         BAL   14,DOIO
         LPSW  OKPSW
FAIL     LPSW  BADPSW
*        Run the CCW at register 2 on 009; wait until it has ended.
DOIO     ST    2,72                   CAW
         SIO   9
DOIOW    TIO   9
         BC    2,DOIOW
         BR    14
MOVE     MVC   GOTTEXT(0),BUF
         DS    0D
IONEW    DC    X'00000000',A(GOTIO)
WAITPSW  DC    X'FE020000',A(0)
OKPSW    DC    X'00020000',A(X'CCC')
BADPSW   DC    X'00020000',A(X'BAD')
CCWRDY   DC    X'09',AL3(TREADY),X'20',X'00',AL2(L'TREADY)
CCWRD    DC    X'0A',AL3(BUF),X'20',X'00',AL2(40)
CCWGOT   DC    X'09',AL3(TGOT),X'20',X'00',AL2(0)
CCWEMP   DC    X'09',AL3(TEMPTY),X'20',X'00',AL2(L'TEMPTY)
TREADY   DC    C'READY'
TEMPTY   DC    C'EMPTY'
TGOT     DC    C'GOT:'
GOTTEXT  DS    CL40
BUF      DS    CL40
         LTORG
         END   BEGIN
